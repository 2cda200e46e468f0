package io.servicegrade.account;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The names and descriptions of the roles ({@link Role}), in English; {@link RoleMessagesZh} has the Chinese. */
@MessageBundle(value = "role", locale = "en")
public interface RoleMessages {

    @Message("Administrator")
    String administratorName();

    @Message("Manages accounts, keys, agencies, the organisation tree, rubrics and schemes; can do everything.")
    String administratorDescription();

    @Message("Analyst")
    String analystName();

    @Message("Bureau assessment office: reads everything and publishes periods; writes nothing else.")
    String analystDescription();

    @Message("Manager")
    String managerName();

    @Message("Branch or outlet manager: reads the standings, evaluations, sheets and evidence of the units in scope.")
    String managerDescription();

    @Message("Inspector")
    String inspectorName();

    @Message("Internal inspector: reads as a manager, and posts and corrects own inspections for the units in scope, from the sources the account allows.")
    String inspectorDescription();

    @Message("Agency")
    String agencyName();

    @Message("Third-party survey agency: acts as its agency's key, with its own evaluations and sources.")
    String agencyDescription();

    @Message("Viewer")
    String viewerName();

    @Message("Reads the standings of the units in scope.")
    String viewerDescription();
}
