namespace ServicePublic.Web.Domain.Catalogue;

/// <summary>The published processing target: its text as published, plus days when known.</summary>
public sealed class ProcessingTime
{
    public string Text { get; set; } = "";
    public int? MinDays { get; set; }
    public int? MaxDays { get; set; }

    public bool IsUndetermined => MinDays is null && MaxDays is null;

    /// <summary>Days used to compute a due date: the upper bound when known.</summary>
    public int? TargetDays => MaxDays ?? MinDays;
}
