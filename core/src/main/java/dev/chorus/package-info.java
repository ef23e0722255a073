/**
 * The Chorus root object and the exceptions shared by every module. All types are non-null by
 * default: parameters and return values are never {@code null} unless documented.
 */
package dev.chorus;
