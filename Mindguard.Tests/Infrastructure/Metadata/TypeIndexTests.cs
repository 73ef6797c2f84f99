using System.Reflection;
using FastEndpoints;
using FluentMigrator;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Metadata;

namespace Mindguard.Tests.Infrastructure.Metadata;

/// <summary>
/// The app finds its endpoints and migrations in its assembly's metadata instead of loading every type;
/// it must find exactly what reflection over the loaded types would.
/// </summary>
public sealed class TypeIndexTests
{
    private static readonly Assembly App = typeof(HttpServices).Assembly;

    [Fact]
    public void Finds_every_endpoint_validator_summary_and_handler_FastEndpoints_own_discovery_would()
    {
        // FastEndpoints' discovery: concrete types implementing one of these (EndpointData.DiscoverTypes;
        // IEndpointValidator is internal, FastEndpoints' Validator<T> implements it).
        Type[] discovered = [typeof(IEndpoint), typeof(IEventHandler), typeof(ICommandHandler), typeof(ISummary)];
        var expected = App.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false } &&
                        (discovered.Any(i => i.IsAssignableFrom(t)) || t.GetInterfaces().Any(i => i.FullName == "FastEndpoints.IEndpointValidator")))
            .ToList();

        var found = TypeIndex.Read(App).ConcreteTypesBuiltOn(nameof(FastEndpoints));

        expected.Count.ShouldBeGreaterThan(40);
        expected.Except(found).ShouldBeEmpty();
        // Anything more is built on FastEndpoints too, and FastEndpoints passes over what it has no use for.
        found.Except(expected).ShouldAllBe(t => BuiltOnFastEndpoints(t));
    }

    [Fact]
    public void Finds_the_version_of_every_migration()
    {
        var expected = App.GetTypes().Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Version).OfType<long>().Order().ToList();

        var found = TypeIndex.Read(App).Int64AttributeValues(typeof(MigrationAttribute).FullName!).Order().ToList();

        expected.Count.ShouldBeGreaterThan(20);
        found.ShouldBe(expected);
    }

    private static bool BuiltOnFastEndpoints(Type type) =>
        type.GetInterfaces().Any(i => i.Namespace == nameof(FastEndpoints)) ||
        (type.BaseType is { } b && (b.Namespace == nameof(FastEndpoints) || BuiltOnFastEndpoints(b)));
}
