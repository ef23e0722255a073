/**
 * The content calendar as data: entries and queries, iCalendar export for calendar applications,
 * and CSV export and all-or-nothing CSV import that reports every bad row.
 */
package dev.chorus.calendar;
