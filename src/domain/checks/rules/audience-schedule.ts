// audience-schedule: an audience's schedule names days that exist, and does not end before it starts.
// The YYYY-MM-DD shape is the schema's (so editors flag it too); this rule checks what a pattern cannot:
// 2026-02-30 has the shape of a date, and an end before the start would export nothing at all.
import type { Problem } from "../problem.js";
import { problem } from "../problems.js";
import { destinations, list, record, text, type RuleContext } from "./rule.js";

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function audienceSchedules(context: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const destination of destinations(context)) {
    list(destination.value.audiences).forEach((audience, index) => {
      const item = record(audience);
      if (item.schedule === undefined) return;
      // The schema cannot say "a schedule needs an id or a name" without noise in every editor's errors.
      if (item.id === undefined && item.name === undefined)
        problems.push(
          problem(
            destination.locator.at(["audiences", index]),
            "audience-schedule",
            "an audience needs its id or name, not only a schedule",
            {
              hint: "give the audience's id or name next to its schedule",
            },
          ),
        );
      const schedule = record(item.schedule);
      const at = (field: string) => destination.locator.at(["audiences", index, "schedule", field]);
      const days: Partial<Record<"startDate" | "endDate", string>> = {};
      for (const field of ["startDate", "endDate"] as const) {
        const value = text(schedule[field]);
        if (value === undefined || !SHAPE.test(value)) continue; // the schema reports it
        if (isDay(value)) days[field] = value;
        else
          problems.push(
            problem(at(field), "audience-schedule", `${field} '${value}' is not a date`, {
              hint: "write a day of the calendar as YYYY-MM-DD, e.g. 2026-07-01",
            }),
          );
      }
      const { startDate, endDate } = days;
      // Same-shaped dates compare as text in calendar order.
      if (startDate !== undefined && endDate !== undefined && endDate < startDate)
        problems.push(
          problem(at("endDate"), "audience-schedule", `endDate ${endDate} comes before startDate ${startDate}`, {
            hint: "an audience stops exporting on its endDate: give a day on or after startDate, or none to export until it is removed",
          }),
        );
    });
  }
  return problems;
}

/** Whether YYYY-MM-DD names a day that exists (2026-02-29 does not, 2028-02-29 does). */
function isDay(value: string): boolean {
  const [, year, month, day] = SHAPE.exec(value)!.map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}
