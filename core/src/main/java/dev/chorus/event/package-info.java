/**
 * Events Chorus emits and the listener interface host applications implement. Event records live
 * with the capability that emits them; {@link dev.chorus.event.EventPublisher} delivers them with
 * listener isolation.
 */
package dev.chorus.event;
