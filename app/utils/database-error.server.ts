/** A database that cannot be opened; the message tells the user what to fix. */
export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseError";
  }
}
