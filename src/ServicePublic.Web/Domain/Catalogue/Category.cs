namespace ServicePublic.Web.Domain.Catalogue;

public sealed class Category
{
    public const int SlugMaxLength = 80;

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Name { get; private set; } = "";

    private Category()
    {
    }

    public Category(string slug, string name)
    {
        Slug = slug;
        Name = name;
    }

    public void Rename(string name) => Name = name;
}
