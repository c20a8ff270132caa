import { expect, it } from "vitest";
import { openPostgres } from "./open.js";
import { redactUrl } from "./redact-url.js";

it("refuses a URL that is not Postgres's, naming the field", async () => {
  await expect(openPostgres("sqlite:///tmp/a.db")).rejects.toMatchObject({
    code: "CONFIG_ERROR",
    message: "openPostgres: url: a postgres:// or postgresql:// connection string",
  });
});

it("refuses a schema or pool size it cannot use, naming the option", async () => {
  const url = "postgres://u@127.0.0.1:1/d";
  await expect(openPostgres(url, { schema: "public; drop" })).rejects.toMatchObject({
    code: "CONFIG_ERROR",
    message: expect.stringContaining("openPostgres: options.schema: a lower-case SQL identifier"),
  });
  await expect(openPostgres(url, { max: 0 })).rejects.toMatchObject({
    code: "CONFIG_ERROR",
    message: expect.stringContaining("options.max"),
  });
});

it("says which server it could not reach, without the password", async () => {
  const err = await openPostgres("postgres://u:secret@127.0.0.1:1/d").catch((e: Error) => e);
  expect(err).toMatchObject({
    code: "STORE_ERROR",
    message: expect.stringContaining(
      'cannot open schema "autopromo" on postgres://u:***@127.0.0.1:1/d',
    ),
  });
  expect((err as Error).message).not.toContain("secret");
});

it("leaves a URL without a password as it is", () => {
  expect(redactUrl("postgres://u@h:5/d")).toBe("postgres://u@h:5/d");
});
