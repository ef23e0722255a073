package dev.chorus.workflow;

import dev.chorus.EntityNotFoundException;
import dev.chorus.InvalidValueException;
import dev.chorus.model.CampaignId;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.Permission;
import dev.chorus.model.Campaign;
import dev.chorus.model.WorkspaceId;
import java.util.List;

/** The campaigns of a session's workspace. Reading needs CONTENT_READ, changing CAMPAIGN_MANAGE. */
public final class Campaigns {

  private final Workflow workflow;
  private final ActorId actor;
  private final WorkspaceId workspace;

  Campaigns(Workflow workflow, ActorId actor, WorkspaceId workspace) {
    this.workflow = workflow;
    this.actor = actor;
    this.workspace = workspace;
  }

  /**
   * Adds or replaces a campaign of this workspace.
   *
   * @throws InvalidValueException if the campaign names another workspace
   * @throws EntityNotFoundException if it refers to an audience this workspace does not have
   */
  public Campaign save(Campaign campaign) {
    Checks.required("campaign", campaign);
    workflow.authorize(actor, workspace, Permission.CAMPAIGN_MANAGE);
    if (!campaign.workspaceId().equals(workspace)) {
      throw new InvalidValueException("campaign.workspaceId", campaign.workspaceId(), "must be the session's workspace " + workspace);
    }
    for (dev.chorus.model.AudienceId audience : campaign.audiences()) {
      if (workflow.store().audience(workspace, audience).isEmpty()) {
        throw new EntityNotFoundException("audience", audience, workspace);
      }
    }
    workflow.store().saveCampaign(campaign);
    return campaign;
  }

  /**
   * The campaign.
   *
   * @throws EntityNotFoundException if this workspace has no such campaign
   */
  public Campaign get(CampaignId id) {
    Checks.required("campaignId", id);
    workflow.authorize(actor, workspace, Permission.CONTENT_READ);
    return workflow.store().campaign(workspace, id).orElseThrow(() -> new EntityNotFoundException("campaign", id, workspace));
  }

  /** Every campaign of the workspace, ordered by id. */
  public List<Campaign> list() {
    workflow.authorize(actor, workspace, Permission.CONTENT_READ);
    return workflow.store().campaigns(workspace);
  }

  /**
   * Removes the campaign.
   *
   * @throws EntityNotFoundException if this workspace has no such campaign
   */
  public void delete(CampaignId id) {
    Checks.required("campaignId", id);
    workflow.authorize(actor, workspace, Permission.CAMPAIGN_MANAGE);
    if (!workflow.store().deleteCampaign(workspace, id)) {
      throw new EntityNotFoundException("campaign", id, workspace);
    }
  }
}
