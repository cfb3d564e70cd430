/** The time, behind a port so that deadlines and documents can be tested at a chosen instant. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
