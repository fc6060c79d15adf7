// openai-node: where the model ID goes and the output cap lives (snake_case, as in the API).
import OpenAI from "openai";

const client = new OpenAI();

export async function triage(text: string) {
  return client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: text }] }); // expect: RDY101 RDY301
}

export async function answer(text: string) {
  return client.chat.completions.create({ model: "gpt-5.1-2025-11-13", messages: [{ role: "user", content: text }], max_completion_tokens: 400 }); // ok
}

export async function draft(text: string) {
  return client.responses.create({ model: "gpt-5.1-2025-11-13", input: text }); // expect: RDY301
}

export async function summary(text: string) {
  return client.responses.create({ model: "gpt-5.1-2025-11-13", input: text, max_output_tokens: 300 }); // ok
}

export async function shared(text: string, options: Record<string, unknown>) {
  return client.chat.completions.create({ model: "gpt-5.1-2025-11-13", messages: [{ role: "user", content: text }], ...options }); // ok
}
