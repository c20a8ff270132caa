import { z } from "zod";

/** What the LLM must answer: a candidate id from the list and words. No numbers of its own. */
export const llmChoiceSchema = z.object({
  chosenId: z.string().describe("id of one candidate from the list, exactly as given"),
  explanation: z
    .string()
    .min(20)
    .max(2000)
    .describe("plain-language reason citing the candidate's given numbers"),
  whyNot: z
    .array(z.object({ id: z.string(), reason: z.string().max(500) }))
    .max(6)
    .describe("why some other candidates lost"),
});
export type LlmChoice = z.infer<typeof llmChoiceSchema>;
