/**
 * The post lifecycle, approvals and tenancy: {@link dev.chorus.workflow.Lifecycle} is the
 * transition table, {@link dev.chorus.workflow.Session} runs every operation as one actor inside one
 * workspace and checks its permission, and {@link dev.chorus.workflow.SystemTransitions} is how the
 * scheduling engine moves targets. Non-null by default.
 */
package dev.chorus.workflow;
