namespace ServicePublic.Web.Domain;

/// <summary>A rule of the domain refused an action; its message is meant for the user, in French.</summary>
public sealed class BusinessRuleException(string message) : Exception(message);
