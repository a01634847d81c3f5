/**
 * Response serialisation. Route response schemas are zod (they also feed the OpenAPI document); to send a
 * response we convert each to JSON Schema once and compile it with fast-json-stringify, Fastify's own
 * serialiser. Like zod parsing, this drops any member the schema does not declare, so a field added to a
 * record by mistake cannot leak; unlike zod parsing, it costs little on large plans (a 2,000-space level:
 * about 10 ms instead of 16 ms, measured in bench/api).
 */
import fastJsonStringify from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify/types/schema";
import { z } from "zod";

export const zodSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  if (!(schema instanceof z.ZodType)) return (data) => JSON.stringify(data);
  const jsonSchema = z.toJSONSchema(schema, { target: "draft-7", io: "output", unrepresentable: "any" });
  return fastJsonStringify(jsonSchema as Parameters<typeof fastJsonStringify>[0]);
};
