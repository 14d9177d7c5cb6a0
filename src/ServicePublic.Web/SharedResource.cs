namespace ServicePublic.Web;

/// <summary>Marker for the UI strings: keys are the French text, Resources/SharedResource.en.resx translates them.</summary>
public sealed class SharedResource;
