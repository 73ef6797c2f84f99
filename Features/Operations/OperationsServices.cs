namespace Mindguard.Features.Operations;

public static class OperationsServices
{
    public static IServiceCollection AddOperations(this IServiceCollection services) =>
        services.AddSingleton<OperationsFigures>();
}
