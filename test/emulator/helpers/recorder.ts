// Every (method, path, status, body) the emulator answered in this test file, for the contract check.
export interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
  text: string;
}

const exchanges: Exchange[] = [];

export function record(exchange: Exchange): void {
  exchanges.push(exchange);
}

export function recorded(): readonly Exchange[] {
  return exchanges;
}
