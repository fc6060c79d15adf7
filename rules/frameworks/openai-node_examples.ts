// openai-node: where the model ID goes and the output cap lives (snake_case, as in the API).
import OpenAI from "openai";
import { OpenAIRealtimeWS } from "openai/realtime/ws";

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

export async function shrink(previous: string) {
  return client.responses.compact({ model: "gpt-5.1-2025-11-13", previous_response_id: previous }); // ok
}

export async function loop(text: string, tools: any[]) {
  const messages = [{ role: "user" as const, content: text }];
  await client.chat.completions.runTools({ model: "gpt-4.1-2025-04-14", messages, tools, max_completion_tokens: 500 }, { maxChatCompletions: 4 }); // ok
  return client.chat.completions.runTools({ model: "gpt-4.1-2025-04-14", messages, tools }); // expect: RDY301 RDY302
}

export async function assist(thread: string, assistant: string) {
  await client.beta.threads.runs.create(thread, { assistant_id: assistant, model: "gpt-4.1", max_completion_tokens: 800 }); // expect: RDY101
  return client.beta.threads.runs.createAndPoll(thread, { assistant_id: assistant }); // expect: RDY301
}

export const voice = new OpenAIRealtimeWS({ model: "gpt-realtime-2025-08-28" }); // ok
