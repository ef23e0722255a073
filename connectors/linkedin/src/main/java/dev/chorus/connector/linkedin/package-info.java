/**
 * The LinkedIn connector: {@link dev.chorus.connector.linkedin.LinkedInConnectorProvider} publishes
 * through the versioned {@code /rest} APIs (Posts, Images, Videos, Documents, Social Actions,
 * organization share statistics) with OAuth 2.0 three-legged tokens. Non-null by default.
 */
package dev.chorus.connector.linkedin;
