namespace ServicePublic.Web.Domain.Catalogue;

/// <summary>A ministry (or agency) whose offices process requests; its code appears in addresses.</summary>
public sealed class Ministry
{
    public const int CodeMaxLength = 16;
    public const int NameMaxLength = 200;

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Acronym { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<Office> Offices { get; private set; } = [];

    private Ministry()
    {
    }

    public Ministry(string code, string acronym, string name, string description)
    {
        Code = code;
        Update(acronym, name, description);
    }

    public void Update(string acronym, string name, string description)
    {
        Acronym = acronym;
        Name = name;
        Description = description;
    }

    public Office AddOrUpdateOffice(string code, string name)
    {
        var office = Offices.FirstOrDefault(o => o.Code == code);
        if (office is null)
        {
            office = new Office(code, name);
            Offices.Add(office);
        }
        else
        {
            office.Rename(name);
        }
        return office;
    }
}
