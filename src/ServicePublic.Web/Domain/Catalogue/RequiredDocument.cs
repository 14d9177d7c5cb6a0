namespace ServicePublic.Web.Domain.Catalogue;

public sealed class RequiredDocument
{
    public string Name { get; set; } = "";
    public DocumentAudience AppliesTo { get; set; }
    public bool Required { get; set; } = true;
    public string? Note { get; set; }
}
