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

    @Message("Bureau assessment office: reads everything, publishes and closes periods, decides appeals.")
    String analystDescription();

    @Message("Manager")
    String managerName();

    @Message("Branch or outlet manager: reads the standings, evaluations, sheets and evidence of the units in scope.")
    String managerDescription();

    @Message("Inspector")
    String inspectorName();

    @Message("Internal inspector: posts and corrects own inspections and internal sources for the units in scope.")
    String inspectorDescription();

    @Message("Agency")
    String agencyName();

    @Message("Third-party survey agency: its own evaluations and sources.")
    String agencyDescription();

    @Message("Viewer")
    String viewerName();

    @Message("Reads the standings of the units in scope.")
    String viewerDescription();
}
