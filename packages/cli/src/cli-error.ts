/** An error in what the user gave the command (a file, a flag, a line of input): printed without a stack. */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliInputError";
  }
}
