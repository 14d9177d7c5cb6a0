namespace ServicePublic.Web.Features.Statistics;

/// <summary>The addresses of the public statistics and their open data (routes are in StatisticsController and OpenDataController).</summary>
public static class StatisticsPaths
{
    public const string Home = "/statistiques";
    public const string Csv = "/statistiques/donnees.csv";
    public const string Json = "/statistiques/donnees.json";

    /// <summary>Where the open data's columns are documented, on the nation's page.</summary>
    public const string OpenDataDocumentation = Home + "#donnees-ouvertes";

    public static string Ministry(string code) => $"{Home}/{PathSegment.Of(code)}";

    public static string Procedure(string slug) => $"{Home}/demarches/{PathSegment.Of(slug)}";

    /// <summary>The open data of a ministry or a procedure (or everything), for the default period unless dates are given.</summary>
    public static string OpenData(string file, string? ministry = null, string? procedure = null, string? from = null, string? to = null) =>
        file + PathSegment.Query(("du", from), ("au", to), ("ministere", ministry), ("demarche", procedure));
}
