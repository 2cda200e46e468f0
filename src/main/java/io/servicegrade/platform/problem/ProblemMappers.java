package io.servicegrade.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Turns every failure of a REST call into a problem+json response, without stack traces or SQL. */
public class ProblemMappers {

    @Inject
    Languages languages;

    @Inject
    Problems problems;

    @Inject
    io.servicegrade.platform.http.AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response problem(ProblemException problem, HttpServerRequest request) {
        return respond(problem, request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        ProblemException problem;
        if (e instanceof UnrecognizedPropertyException unknown) {
            problem = ProblemException.invalid(List.of(Violation.at(pointer(unknown), ProblemMessages::unknownField)));
        } else if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String expected = jsonType(mismatch.getTargetType());
            problem = ProblemException.invalid(List.of(Violation.at(pointer(mismatch), m -> m.wrongType(expected))));
        } else {
            String reason = firstLine(e.getOriginalMessage());
            problem = new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    m -> m.malformedJson(reason));
        }
        return respond(problem, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request, HttpHeaders headers) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json(json, request);
            }
        }
        Response response = respond(fromStatus(e, request, headers), request);
        // issue 14: HTTP — a 405 names the methods the path does serve
        if (e instanceof NotAllowedException) {
            java.util.Set<String> allowed = allowedMethods.at(request.path());
            if (!allowed.isEmpty()) {
                return Response.fromResponse(response).allow(allowed).build();
            }
        }
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        return respond(problems.of(e, request.method() + " " + request.path()), request);
    }

    private ProblemException fromStatus(WebApplicationException e, HttpServerRequest request,
            HttpHeaders headers) {
        String path = request.path();
        if (e instanceof NotFoundException) {
            return ProblemException.notFound(m -> m.noSuchPath(path));
        }
        if (e instanceof NotAllowedException) {
            String method = request.method().name();
            return new ProblemException(405, "method-not-allowed", ProblemMessages::methodNotAllowedTitle,
                    m -> m.methodNotAllowedDetail(method, path));
        }
        if (e instanceof NotSupportedException) {
            String type = headers.getMediaType() == null ? "" : headers.getMediaType().toString();
            return new ProblemException(415, "unsupported-media-type", ProblemMessages::unsupportedMediaTypeTitle,
                    m -> m.unsupportedMediaTypeDetail(type));
        }
        if (e instanceof NotAcceptableException) {
            return new ProblemException(406, "not-acceptable", ProblemMessages::notAcceptableTitle,
                    ProblemMessages::notAcceptableDetail);
        }
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return new ProblemException(413, "payload-too-large", ProblemMessages::payloadTooLargeTitle,
                    ProblemMessages::payloadTooLargeDetail);
        }
        if (status >= 500) {
            return problems.internal(e, request.method() + " " + path, status);
        }
        return new ProblemException(status, "bad-request", ProblemMessages::badRequestTitle,
                m -> Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                        : Response.Status.fromStatusCode(status).getReasonPhrase());
    }

    Response respond(ProblemException problem, HttpServerRequest request) {
        ProblemMessages messages = languages.problemMessages(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(ProblemDocument.MEDIA_TYPE)
                .entity(ProblemDocument.of(problem, messages,
                        io.servicegrade.platform.observe.RequestLog.instance(request.path())));
        if (problem.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds());
        }
        return response.build();
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? Violation.escape(ref.getFieldName())
                        : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("/", "/", ""));
    }

    private static String jsonType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
