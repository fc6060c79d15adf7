// LangChain.js chat models: camelCase options (maxTokens, maxOutputTokens).
import { ChatOpenAI, AzureChatOpenAI } from "@langchain/openai";
import { ChatAnthropic } from "@langchain/anthropic";
import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
import { ChatMistralAI } from "@langchain/mistralai";

export const writer = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0 }); // expect: RDY101 RDY301
export const editor = new ChatOpenAI({ model: "gpt-4.1-2025-04-14", maxTokens: 300 }); // ok
export const thinker = new ChatOpenAI({ model: "gpt-5.1-2025-11-13", maxCompletionTokens: 2000 }); // ok
export const fallback = new ChatOpenAI(); // expect: RDY301
export const reviewer = new ChatAnthropic({ model: "claude-sonnet-4-6" }); // ok
export const hosted = new AzureChatOpenAI({ azureOpenAIApiDeploymentName: "support-chat" }); // expect: RDY301
export const scout = new ChatGoogleGenerativeAI({ model: "gemini-flash-latest" }); // expect: RDY101 RDY301
export const translator = new ChatMistralAI({ model: "mistral-large-2512", maxTokens: 400 }); // ok
export const drafter = new ChatMistralAI({ model: "mistral-large-2512" }); // expect: RDY301
