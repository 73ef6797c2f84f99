global using Dapper;
global using Npgsql;
global using Shouldly;
global using Xunit;
