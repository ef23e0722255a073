package dev.chorus.workflow;

import dev.chorus.ChorusException;
import dev.chorus.InvalidValueException;
import dev.chorus.calendar.CalendarCsv;
import dev.chorus.calendar.CalendarEntry;
import dev.chorus.calendar.CalendarImportException;
import dev.chorus.calendar.CalendarQuery;
import dev.chorus.calendar.ICalendarExport;
import dev.chorus.calendar.PlannedPost;
import dev.chorus.calendar.RowError;
import dev.chorus.connector.Connector;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.Violation;
import dev.chorus.model.ActorId;
import dev.chorus.model.Campaign;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Permission;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.DispatchRecord;
import dev.chorus.schedule.DstPolicy;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.Scheduler;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The content calendar of a session's workspace: every target at its planned or published time,
 * exported as iCalendar or CSV, and drafts imported from a CSV plan. Reading needs CONTENT_READ,
 * importing POST_CREATE.
 */
public final class Calendars {

  private final Workflow workflow;
  private final ActorId actor;
  private final WorkspaceId workspace;

  Calendars(Workflow workflow, ActorId actor, WorkspaceId workspace) {
    this.workflow = workflow;
    this.actor = actor;
    this.workspace = workspace;
  }

  /**
   * The selected entries in time order: scheduled targets at their dispatch due times (one entry per
   * occurrence of a recurrence), published ones at their due time, drafts at the time their
   * remembered intent names.
   *
   * @throws InvalidValueException if the query is for another workspace
   */
  public List<CalendarEntry> query(CalendarQuery query) {
    Checks.required("query", query);
    if (!query.workspace().equals(workspace)) {
      throw new InvalidValueException("query.workspace", query.workspace(), "is not this session's workspace " + workspace);
    }
    workflow.authorize(actor, workspace, Permission.CONTENT_READ);
    Scheduler scheduler = scheduler();
    List<CalendarEntry> entries = new ArrayList<>();
    for (Post post : workflow.store().posts(workspace)) {
      for (PostTarget target : post.targets()) {
        if (!query.accounts().isEmpty() && !query.accounts().contains(target.accountId())) {
          continue;
        }
        Optional<SocialAccount> account = workflow.store().account(workspace, target.accountId());
        if (account.isPresent()) {
          entries.addAll(entries(scheduler, post, target, account.get()));
        }
      }
    }
    return query.select(entries);
  }

  /** The selected entries as an iCalendar file named after the workspace. */
  public String exportIcs(CalendarQuery query) {
    List<CalendarEntry> entries = query(query);
    String name = workflow.member(actor, workspace).workspace().name();
    return new ICalendarExport(name, Duration.ofMinutes(30)).toIcs(entries, workflow.now());
  }

  /** The selected entries as CSV with {@link CalendarCsv#EXPORT_COLUMNS}. */
  public String exportCsv(CalendarQuery query) {
    StringBuilder out = new StringBuilder();
    CalendarCsv.write(query(query), out);
    return out.toString();
  }

  /**
   * Creates one draft per row of a CSV plan ({@link CalendarCsv} columns), remembering each row's
   * wall-clock time as its intent, so {@code posts().schedule(id)} after approval uses it. Accounts
   * are named by handle (with or without {@code @}) or id, campaigns by id or name. Each row is also
   * checked against its platform connector's {@code validate}. All or nothing: when any row is bad
   * nothing is created and the {@link CalendarImportException} lists every problem.
   *
   * @return the drafts, in file order
   */
  public List<Post> importCsv(Reader reader) {
    Checks.required("reader", reader);
    workflow.authorize(actor, workspace, Permission.POST_CREATE);
    Scheduler scheduler = scheduler();
    List<SocialAccount> accounts = workflow.store().accounts(workspace);
    List<Campaign> campaigns = workflow.store().campaigns(workspace);
    CalendarCsv.Resolver resolver = new CalendarCsv.Resolver() {
      @Override
      public Optional<SocialAccount> account(String handleOrId) {
        String bare = handleOrId.startsWith("@") ? handleOrId.substring(1) : handleOrId;
        return accounts.stream().filter(a -> a.id().value().equals(handleOrId)
            || a.handle().equalsIgnoreCase(handleOrId)
            || (a.handle().startsWith("@") ? a.handle().substring(1) : a.handle()).equalsIgnoreCase(bare))
            .findFirst();
      }

      @Override
      public Optional<CampaignId> campaign(String idOrName) {
        return campaigns.stream().filter(c -> c.id().value().equals(idOrName) || c.name().equalsIgnoreCase(idOrName))
            .map(Campaign::id).findFirst();
      }
    };
    String text = readAll(reader);
    List<RowError> errors = new ArrayList<>();
    List<PlannedPost> rows;
    try {
      rows = CalendarCsv.read(new StringReader(text), resolver);
    } catch (CalendarImportException e) {
      // Read row by row so the error lists the platform problems of the other rows too.
      rows = rowByRow(text, resolver, errors).orElseThrow(() -> e);
      if (errors.isEmpty()) {
        throw e;
      }
    }
    List<Post> drafts = new ArrayList<>();
    Instant now = workflow.now();
    List<PlannedPost> draftRows = new ArrayList<>();
    for (PlannedPost row : rows) {
      int before = errors.size();
      List<MediaAsset> media = new ArrayList<>();
      for (URI uri : row.media()) {
        Optional<MediaAsset> asset = media(uri);
        if (asset.isEmpty()) {
          errors.add(new RowError(row.row(), "media", uri.toString(),
              "cannot tell the media type from the file name; use .jpg, .jpeg, .png, .gif, .webp, .mp4 or .mov"));
        } else {
          media.add(asset.get());
        }
      }
      if (errors.size() > before) {
        continue;
      }
      Post post;
      try {
        PostVariant variant = PostVariant.builder(row.format()).firstComment(row.firstComment()).build();
        post = Post.builder(workspace, new PostContent(row.text(), media, null, List.of()))
            .campaign(row.campaignId()).pillar(row.pillar()).createdBy(actor).createdAt(now)
            .target(PostTarget.draft(row.account().id(), variant)).build();
      } catch (InvalidValueException e) {
        errors.add(new RowError(row.row(), column(e.field()), e.value() == null ? "" : e.value(), e.getMessage()));
        continue;
      }
      Optional<Connector> connector;
      try {
        connector = scheduler.connector(row.account().platform());
      } catch (ChorusException e) {
        errors.add(new RowError(row.row(), "account", row.account().handle(),
            "the connector of " + row.account().platform().id() + " is not usable: " + e.getMessage()));
        continue;
      }
      if (connector.isPresent()) {
        PublishRequest request = PublishRequest.of(post, post.targets().get(0), row.account(), "calendar-import-check");
        for (Violation violation : connector.get().validate(request).violations()) {
          errors.add(new RowError(row.row(), column(violation.field()), violation.actual(), violation.message()));
        }
      }
      if (errors.size() == before) {
        drafts.add(post);
        draftRows.add(row);
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(RowError::row));
      throw new CalendarImportException(errors);
    }
    for (int i = 0; i < drafts.size(); i++) {
      Post post = drafts.get(i);
      PlannedPost row = draftRows.get(i);
      workflow.store().insertPost(post);
      scheduler.rememberIntent(workspace, post.id(), row.account().id(),
          ScheduleIntent.atLocal(row.local(), row.zone(), DstPolicy.DEFAULT));
    }
    return List.copyOf(drafts);
  }

  /**
   * Reads each record on its own (with the header), collecting its problems with their row in the
   * whole file; empty when the file cannot be split into records.
   */
  private static Optional<List<PlannedPost>> rowByRow(String text, CalendarCsv.Resolver resolver, List<RowError> errors) {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).get();
    List<PlannedPost> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
      List<String> header = parser.getHeaderNames();
      if (header == null || header.isEmpty()) {
        return Optional.empty();
      }
      boolean headerReported = false;
      for (CSVRecord record : parser) {
        int row = (int) record.getRecordNumber() + 1;
        StringBuilder single = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(single, CSVFormat.RFC4180)) {
          printer.printRecord(header);
          printer.printRecord(record.toList());
        }
        try {
          for (PlannedPost planned : CalendarCsv.read(new StringReader(single.toString()), resolver)) {
            rows.add(new PlannedPost(row, planned.account(), planned.local(), planned.zone(), planned.format(),
                planned.text(), planned.media(), planned.campaignId(), planned.firstComment(), planned.pillar()));
          }
        } catch (CalendarImportException e) {
          for (RowError error : e.errors()) {
            if (error.row() == 1) {
              if (!headerReported) {
                errors.add(error);
              }
            } else {
              errors.add(new RowError(row, error.column(), error.value(), error.reason()));
            }
          }
          headerReported |= e.errors().stream().anyMatch(error -> error.row() == 1);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(rows);
  }

  private static String readAll(Reader reader) {
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n; (n = reader.read(buffer)) != -1; ) {
        out.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private Scheduler scheduler() {
    return workflow.scheduler().orElseThrow(() -> new ChorusException(
        "no scheduler is attached; use Chorus, which has one"));
  }

  private List<CalendarEntry> entries(Scheduler scheduler, Post post, PostTarget target, SocialAccount account) {
    ZoneId zone = scheduler.zone(workspace, post.id(), target.accountId()).orElse(account.timeZone());
    String text = target.variant().text() != null ? target.variant().text() : post.content().text();
    List<CalendarEntry> entries = new ArrayList<>();
    for (DispatchRecord record : scheduler.dispatches(workspace, post.id(), target.accountId())) {
      TargetState state = switch (record.state()) {
        case PUBLISHED -> TargetState.PUBLISHED;
        case FAILED -> TargetState.FAILED;
        case MISSED -> TargetState.MISSED;
        case CANCELLED -> null;
        case PENDING, CLAIMED -> target.state();
      };
      if (state != null) {
        entries.add(entry(post, target, account, record.dueAt(), zone, state, text));
      }
    }
    if (!entries.isEmpty()) {
      return entries;
    }
    if (target.published() != null && target.published().publishedAt() != null) {
      return List.of(entry(post, target, account, target.published().publishedAt(), zone, target.state(), text));
    }
    if (target.state() == TargetState.CANCELLED) {
      return List.of();
    }
    Optional<ScheduleIntent> intent = scheduler.intent(workspace, post.id(), target.accountId());
    Optional<Instant> at = Optional.empty();
    if (intent.isPresent() && intent.get() instanceof ScheduleIntent.At exact) {
      at = Optional.of(exact.instant());
    } else if (intent.isPresent() && intent.get() instanceof ScheduleIntent.AtLocal local) {
      at = local.dst().resolve(local.local(), local.explicitZone().orElse(account.timeZone()));
    }
    return at.map(instant -> List.of(entry(post, target, account, instant, zone, target.state(), text)))
        .orElse(List.of());
  }

  private CalendarEntry entry(Post post, PostTarget target, SocialAccount account, Instant at, ZoneId zone,
      TargetState state, String text) {
    return new CalendarEntry(workspace, post.id(), target.accountId(), account.platform(), post.campaignId(), at,
        zone, state, target.variant().format(), text);
  }

  private static String column(String field) {
    String lower = field.toLowerCase(Locale.ROOT);
    if (lower.contains("media")) {
      return "media";
    }
    if (lower.contains("firstcomment") || lower.contains("first_comment")) {
      return "first_comment";
    }
    if (lower.contains("format")) {
      return "format";
    }
    if (lower.contains("text")) {
      return "text";
    }
    return field;
  }

  private static Optional<MediaAsset> media(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
    int dot = path.lastIndexOf('.');
    String extension = dot < 0 ? "" : path.substring(dot + 1);
    return switch (extension) {
      case "jpg", "jpeg" -> Optional.of(MediaAsset.builder(MediaKind.IMAGE, uri, "image/jpeg").build());
      case "png" -> Optional.of(MediaAsset.builder(MediaKind.IMAGE, uri, "image/png").build());
      case "webp" -> Optional.of(MediaAsset.builder(MediaKind.IMAGE, uri, "image/webp").build());
      case "gif" -> Optional.of(MediaAsset.builder(MediaKind.GIF, uri, "image/gif").build());
      case "mp4" -> Optional.of(MediaAsset.builder(MediaKind.VIDEO, uri, "video/mp4").build());
      case "mov" -> Optional.of(MediaAsset.builder(MediaKind.VIDEO, uri, "video/quicktime").build());
      default -> Optional.empty();
    };
  }
}
