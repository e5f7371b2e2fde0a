/** The only seam to interactive prompts (inquirer, loaded on first use). Tests script a fake. */
export interface Prompter {
  input(message: string, opts?: { default?: string; validate?: (v: string) => true | string }): Promise<string>;
  password(message: string): Promise<string>;
  select<T extends string>(message: string, choices: { name: string; value: T }[]): Promise<T>;
  confirm(message: string, def?: boolean): Promise<boolean>;
  editor(message: string): Promise<string>;
}

export async function createInquirerPrompter(): Promise<Prompter> {
  const p = await import("@inquirer/prompts");
  return {
    input: (message, opts) => p.input({ message, ...(opts?.default !== undefined ? { default: opts.default } : {}), ...(opts?.validate ? { validate: opts.validate } : {}) }),
    password: (message) => p.password({ message, mask: "*" }),
    select: (message, choices) => p.select({ message, choices }),
    confirm: (message, def) => p.confirm({ message, default: def ?? false }),
    editor: (message) => p.editor({ message }),
  };
}
