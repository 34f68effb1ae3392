using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SommeNumerique.Saas.Web;

/// <summary>
/// Makes field errors reach screen readers: a field bound with <c>asp-for</c> that has an error gets
/// <c>aria-invalid="true"</c> and <c>aria-describedby</c> pointing at its message, and the message
/// (<c>asp-validation-for</c>) gets the matching id. Runs after the built-in tag helpers.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class AccessibleFieldTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")] public ModelExpression? For { get; set; }
    [HtmlAttributeName("asp-validation-for")] public ModelExpression? ValidationFor { get; set; }
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var expression = For ?? ValidationFor;
        if (expression is null) return;
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression.Name);
        var errorId = TagBuilder.CreateSanitizedId(name, "_") + "-error";
        var hasError = ViewContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;

        if (ValidationFor is not null && For is null)
        {
            output.Attributes.SetAttribute("id", errorId);
            return;
        }
        if (!hasError) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value + " " + errorId : errorId;
        output.Attributes.SetAttribute("aria-describedby", describedBy);
    }
}
