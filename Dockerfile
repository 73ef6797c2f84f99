# Build with the SDK, run on the smaller ASP.NET runtime image as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Mindguard.csproj ./
RUN dotnet restore Mindguard.csproj -r linux-x64
COPY . .
RUN dotnet publish Mindguard.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    ASPNETCORE_ENVIRONMENT=Production
# The app listens on $PORT (Railway sets it; 8080 otherwise).
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Mindguard.dll"]
