namespace ServicePublic.Web.Domain.Catalogue;

/// <summary>A direction or agency under a ministry that actually processes requests.</summary>
public sealed class Office
{
    public int Id { get; private set; }
    public int MinistryId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    private Office()
    {
    }

    internal Office(string code, string name)
    {
        Code = code;
        Name = name;
    }

    internal void Rename(string name) => Name = name;
}
