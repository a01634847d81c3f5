/**
 * Turns every error into `{"error": {"code", "message", "details"?}}` with the status its code maps to.
 * Errors that are not ours (bugs, lost database connections) are logged with the request id and answered
 * with a generic internal_error, so that no stack trace or SQL reaches a client.
 */
import { AtharError, ERROR_CODES, type ErrorCode, type ErrorDetail } from "@athar/core";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[]; requestId?: string };
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: readonly ErrorDetail[],
): FastifyReply {
  const body: ErrorBody = {
    error: {
      code,
      message,
      ...(details ? { details: [...details] } : {}),
      requestId: String(reply.request.id),
    },
  };
  return reply.code(ERROR_CODES[code]).type("application/json; charset=utf-8").send(body);
}

const FASTIFY_CODES: Partial<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "validation_failed",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_EMPTY_JSON_BODY: "malformed_json",
  FST_ERR_CTP_INVALID_JSON_BODY: "malformed_json",
  FST_ERR_CTP_EMPTY_TYPE: "unsupported_media_type",
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AtharError) return sendError(reply, error.code, error.message, error.details);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "request";
      // The provider flattens each zod issue: `keyword` is its code, `instancePath` its path, and the
      // issue's other members (such as `keys` of unrecognized_keys) sit in `params`.
      const issues = error.validation.map((v) => ({
        code: v.keyword,
        path: v.instancePath.split("/").filter(Boolean),
        keys: (v.params as { keys?: unknown }).keys,
        message: v.message ?? "invalid",
      }));
      const keysOf = (issue: (typeof issues)[number]) =>
        Array.isArray(issue.keys) ? issue.keys.map(String) : [];
      const details: ErrorDetail[] = issues.map((issue) => ({
        path: [where, ...issue.path, ...keysOf(issue)].join("."),
        message: issue.message,
      }));
      const unknown = issues.find((issue) => issue.code === "unrecognized_keys");
      if (unknown)
        return sendError(
          reply,
          "unknown_field",
          `unknown field in ${where}: ${keysOf(unknown).join(", ")}`,
          details,
        );
      return sendError(
        reply,
        "validation_failed",
        `invalid ${where}: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`,
        details,
      );
    }

    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendError(reply, mapped, error.message);
    if (error instanceof SyntaxError && error.statusCode === 400)
      return sendError(reply, "malformed_json", "the request body is not valid JSON");
    if (error.statusCode === 413)
      return sendError(reply, "payload_too_large", "the request body is too large");

    request.log.error({ err: error }, "unhandled error");
    return sendError(
      reply,
      "internal_error",
      "something went wrong on our side; the request id identifies it in the logs",
    );
  });
}
