// What the bot and the workers write with: the UI texts (the bot's Fluent bundles) in a language.
export interface Texts {
  t(locale: string, key: string, vars?: Record<string, string | number>): string;
}

