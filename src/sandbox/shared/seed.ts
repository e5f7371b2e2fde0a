/** Deterministic pseudo-random seeding helpers: the same seed gives the same tickets on every run. */

/** mulberry32: small, fast, good enough for fixtures. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Picker {
  random: () => number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A v4-shaped UUID from the generator (deterministic). */
  uuid(): string;
}

const HEX_DIGITS = "0123456789abcdef";

export function createPicker(seed: number): Picker {
  const random = createRandom(seed);
  // A plain loop (10,000 tickets seed in a second or two, issue 12); the same draws as before.
  const hex = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += HEX_DIGITS[Math.floor(random() * 16)]!;
    return s;
  };
  return {
    random,
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    pick: (items) => items[Math.floor(random() * items.length)] as (typeof items)[number],
    chance: (p) => random() < p,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`,
  };
}

export const FIRST_NAMES = [
  "Ana", "Budi", "Chen", "Dewi", "Elif", "Farah", "Gustavo", "Hana", "Ivan", "Jia", "Kofi", "Lena",
  "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rafael", "Siti", "Tomás", "Uma", "Viktor", "Wei", "Yusuf",
] as const;
export const LAST_NAMES = [
  "Santoso", "Lim", "Okafor", "Silva", "Nguyen", "Kowalski", "Haddad", "Tanaka", "Müller", "Rossi",
  "Wijaya", "Kumar", "García", "Andersson", "Park", "Hassan",
] as const;
export const SUBJECTS = [
  "Cannot log in after password reset",
  "Refund for duplicate charge",
  "Order #%n has not arrived",
  "App crashes when uploading a photo",
  "Invoice shows the wrong VAT number",
  "How do I export my data?",
  "Delivery address change",
  "Two-factor codes not received by SMS",
  "Subscription renewed after cancellation",
  "Feature request: dark mode",
  "Account locked after too many attempts",
  "Payment declined with a valid card",
  "Wrong item in package",
  "Webhook deliveries failing since yesterday",
  "Please delete my account",
  "Promo code not applied at checkout",
  "Slow loading on the dashboard",
  "Email notifications arrive twice",
  "Cannot add a team member",
  "Question about the enterprise plan",
] as const;
export const BODIES = [
  "Hi, I tried again this morning and it still does not work. Can you help?",
  "Hello team, please see the details below. This is urgent for us.",
  "I have attached a screenshot of the error message.",
  "Thanks for the quick answer last time. Same problem again, unfortunately.",
  "Could you check my account? I was charged but nothing changed.",
  "Following up on my previous message: any news?",
] as const;
export const AGENT_REPLIES = [
  "Thanks for reaching out. I am looking into this now.",
  "Could you send us the order number and the email on the account?",
  "I have escalated this to our billing team; you will hear from us within 24 hours.",
  "This should be fixed now. Could you try again and let us know?",
  "Sorry for the trouble. I have issued the refund; it takes 3-5 business days.",
] as const;

export function personName(p: Picker): string {
  return `${p.pick(FIRST_NAMES)} ${p.pick(LAST_NAMES)}`;
}

export function emailFor(name: string, domain = "example.com"): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]+/g, ".");
  return `${ascii}@${domain}`;
}

export function subjectFor(p: Picker): string {
  return p.pick(SUBJECTS).replace("%n", String(p.int(10000, 99999)));
}
