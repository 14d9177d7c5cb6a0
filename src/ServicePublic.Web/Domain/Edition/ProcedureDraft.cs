namespace ServicePublic.Web.Domain.Edition;

/// <summary>
/// The next version of a procedure as its ministry's editors write it: the whole definition in
/// the seed files' schema (catalogue entry, documents, fees, form), kept as JSON until a
/// publisher publishes it. At most one per procedure. Not a catalogue entity: saving a draft
/// changes nothing the public sees.
/// </summary>
public sealed class ProcedureDraft
{
    public int Id { get; private set; }
    public int ProcedureId { get; private set; }
    public Procedure Procedure { get; private set; } = null!;

    /// <summary>The definition, as <c>CatalogueFiles.ProcedureEntry</c> JSON.</summary>
    public string Definition { get; private set; } = "";

    /// <summary>The number of the version it was started from (null for a new procedure).</summary>
    public int? BasedOnVersion { get; private set; }

    public string EditedById { get; private set; } = "";
    public DateTimeOffset EditedAt { get; private set; }

    /// <summary>When a publisher asked it to be published; null: not scheduled.</summary>
    public DateTimeOffset? PublishAt { get; private set; }
    public string? ScheduledById { get; private set; }

    /// <summary>PostgreSQL's xmin: two editors saving the same draft cannot both win.</summary>
    public uint Version { get; private set; }

    private ProcedureDraft()
    {
    }

    public ProcedureDraft(Procedure procedure, int? basedOnVersion, string definition, string editorId, DateTimeOffset now)
    {
        Procedure = procedure;
        BasedOnVersion = basedOnVersion;
        Edit(definition, editorId, now);
    }

    /// <summary>Saves a new definition; a scheduled publication is called off (the publisher reviewed another text).</summary>
    public void Edit(string definition, string editorId, DateTimeOffset now)
    {
        Definition = definition;
        EditedById = editorId;
        EditedAt = now;
        PublishAt = null;
        ScheduledById = null;
    }

    /// <summary>Two pairs of eyes: whoever made the last edit cannot publish it.</summary>
    public bool MayBePublishedBy(string userId) => userId != EditedById;

    public void Schedule(DateTimeOffset at, string publisherId, DateTimeOffset now)
    {
        if (!MayBePublishedBy(publisherId))
        {
            throw new BusinessRuleException(OwnEditMessage);
        }
        if (at <= now)
        {
            throw new BusinessRuleException("Choisissez une date de publication à venir.", nameof(PublishAt));
        }
        PublishAt = at;
        ScheduledById = publisherId;
    }

    /// <summary>Calls off a scheduled publication: the draft stays as it is.</summary>
    public void Unschedule()
    {
        PublishAt = null;
        ScheduledById = null;
    }

    public const string OwnEditMessage = "Vous avez fait la dernière modification de ce brouillon : un autre publicateur doit la relire et la publier.";
}
