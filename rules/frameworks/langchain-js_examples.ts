// LangChain.js chat models: camelCase options (maxTokens).
import { ChatOpenAI } from "@langchain/openai";
import { ChatAnthropic } from "@langchain/anthropic";

export const writer = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0 }); // expect: RDY101 RDY301
export const editor = new ChatOpenAI({ model: "gpt-4o-mini-2024-07-18", maxTokens: 300 }); // ok
export const fallback = new ChatOpenAI(); // expect: RDY301
export const reviewer = new ChatAnthropic({ model: "claude-sonnet-4-6" }); // ok
