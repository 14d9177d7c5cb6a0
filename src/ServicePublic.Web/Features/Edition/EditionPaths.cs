namespace ServicePublic.Web.Features.Edition;

/// <summary>The procedure builder's pages: a ministry's procedures, each with its draft's parts.</summary>
public static class EditionPaths
{
    public const string Procedures = "/edition/demarches";
    public const string New = Procedures + "/nouvelle";
    public const string Import = Procedures + "/importer";

    public static string Procedure(string slug) => $"{Procedures}/{PathSegment.Of(slug)}";

    public static string Sheet(string slug) => Procedure(slug) + "/fiche";

    public static string Documents(string slug) => Procedure(slug) + "/pieces";

    public static string Fees(string slug) => Procedure(slug) + "/frais";

    public static string Form(string slug) => Procedure(slug) + "/formulaire";

    public static string Field(string slug, string key) => Form(slug) + "/" + PathSegment.Of(key);

    public static string Rules(string slug) => Procedure(slug) + "/eligibilite";

    public static string Preview(string slug) => Procedure(slug) + "/apercu";

    public static string Publication(string slug) => Procedure(slug) + "/publication";

    public static string Export(string slug) => Procedure(slug) + "/export.json";

    public static string Duplicate(string slug) => Procedure(slug) + "/dupliquer";

    public static string State(string slug) => Procedure(slug) + "/etat";
}
