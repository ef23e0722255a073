package dev.chorus.connector.http.internal;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Remembers whether a call started writing its request, which is what decides if a failure leaves
 * the outcome unknown. Attached to each request as a tag and set by {@link #LISTENER_FACTORY}.
 */
public final class SendState {

  /** Installed on the runtime's client. */
  public static final EventListener.Factory LISTENER_FACTORY = call -> new Listener();

  private volatile boolean started;

  /** True once any byte of the request may have left this process. */
  public boolean started() {
    return started;
  }

  private static final class Listener extends EventListener {
    @Override
    public void requestHeadersStart(Call call) {
      mark(call);
    }

    @Override
    public void requestBodyStart(Call call) {
      mark(call);
    }

    private static void mark(Call call) {
      SendState state = call.request().tag(SendState.class);
      if (state != null) {
        state.started = true;
      }
    }
  }
}
