package dev.chorus.connector.tck.acme;

/** The correct acme connector passes the whole TCK; surefire runs this like any plugin's TCK run. */
class AcmeVerificationTest extends AcmeVerificationBase {

  AcmeVerificationTest() {
    super(new AcmeProvider());
  }
}
