using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Features.Shared;

/// <summary>
/// Runs a form's validator and copies its failures into ModelState, translated: validators
/// write French messages, which are also the keys of the English resources.
/// </summary>
public static class FormValidation
{
    public static async Task<bool> ValidateFormAsync<T>(this Controller controller, T form)
    {
        var validator = controller.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
        var result = await validator.ValidateAsync(form);
        foreach (var error in result.Errors)
        {
            controller.AddError(error.PropertyName, error.ErrorMessage);
        }
        return result.IsValid;
    }

    public static void AddError(this Controller controller, string field, string frenchMessage)
    {
        var localizer = controller.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        controller.ModelState.AddModelError(field, localizer[frenchMessage]);
    }

    /// <summary>A message with arguments: the French template is the resource key.</summary>
    public static void AddError(this Controller controller, string field, string frenchTemplate, params object[] arguments)
    {
        var localizer = controller.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        controller.ModelState.AddModelError(field, localizer[frenchTemplate, arguments]);
    }

    /// <summary>
    /// A procedure form's failures (see <see cref="FormValidator"/>) next to their fields, whose
    /// inputs are named <paramref name="prefix"/> + field key. A message with a number or a date
    /// is translated from its template, then filled in the reader's culture.
    /// </summary>
    public static void AddFormErrors(this Controller controller, ValidationResult result, string prefix = "")
    {
        var localizer = controller.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        foreach (var error in result.Errors)
        {
            var message = error.CustomState is FormMessage m ? localizer[m.Template, m.Arguments] : localizer[error.ErrorMessage];
            controller.ModelState.AddModelError(prefix + error.PropertyName, message);
        }
    }

    /// <summary>Identity's errors (already translated by its error describer) next to one field.</summary>
    public static void AddErrors(this Controller controller, string field, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            controller.ModelState.AddModelError(field, error.Description);
        }
    }
}
