namespace ServicePublic.Web.Infrastructure.Caching;

/// <summary>The "OutputCache" settings: whether this node keeps public pages, and for how long (also the max-age given to browsers and proxies).</summary>
public sealed class OutputCacheSettings
{
    public const string Section = "OutputCache";

    public bool Enabled { get; set; } = true;

    public int Seconds { get; set; } = 60;

    public TimeSpan Duration => TimeSpan.FromSeconds(Math.Max(1, Seconds));
}
