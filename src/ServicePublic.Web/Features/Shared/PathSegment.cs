namespace ServicePublic.Web.Features.Shared;

internal static class PathSegment
{
    /// <summary>A value placed in a path, escaped so that "/", "?" or "#" in it cannot change the address.</summary>
    public static string Of(string value) => Uri.EscapeDataString(value);

    /// <summary>"?a=1&amp;b=2" from the pairs whose value is set; "" when none is.</summary>
    public static string Query(params (string Name, string? Value)[] pairs)
    {
        var set = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join('&', set);
    }
}
