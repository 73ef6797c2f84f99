global using Dapper;
global using Microsoft.Extensions.Options;
global using Npgsql;

using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Mindguard.Tests")]

/// <summary>Exposed so <c>WebApplicationFactory&lt;Program&gt;</c> can host the app in tests.</summary>
public partial class Program;
