/** A drill's length in minutes; about 75 seconds a question, as in a real interview. */
export type DrillLength = 5 | 10 | 20;
export const drillLengths: readonly DrillLength[] = [5, 10, 20];
