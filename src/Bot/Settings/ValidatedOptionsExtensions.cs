using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Newsdesk.Settings;

/// <summary>The one way an <c>*Options</c> class is registered: bound from its section and validated when the host
/// starts (data annotations, plus <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> for rules
/// across properties), so a bad setting fails with its name before any work rather than mid-answer.</summary>
public static class ValidatedOptionsExtensions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
