package io.trendwatch.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.tasks.Task;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.swagger.v3.jaxrs2.integration.resources.OpenApiResource;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.trendwatch.serving.alerts.AlertEvaluator;
import io.trendwatch.serving.alerts.AlertStore;
import io.trendwatch.serving.api.IsoInstantSerializer;
import io.trendwatch.serving.cli.ReportCommand;
import io.trendwatch.serving.db.CassandraSessions;
import io.trendwatch.serving.db.CassandraViewReader;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.db.ViewCache;
import io.trendwatch.serving.db.ViewReader;
import io.trendwatch.serving.health.BoundaryAgeHealthCheck;
import io.trendwatch.serving.health.CassandraHealthCheck;
import io.trendwatch.serving.health.PipelineGauges;
import io.trendwatch.serving.health.ReadinessServlet;
import io.trendwatch.serving.health.SpeedHeartbeatHealthCheck;
import io.trendwatch.serving.http.AdminTokenFilter;
import io.trendwatch.serving.http.ClientRateLimit;
import io.trendwatch.serving.http.JsonErrorHandler;
import io.trendwatch.serving.http.WriteTokenFilter;
import io.trendwatch.serving.report.ReportBuilder;
import io.trendwatch.serving.resources.CsvWriter;
import io.trendwatch.serving.resources.ErrorMappers;
import io.trendwatch.serving.resources.FormatParameter;
import io.trendwatch.serving.resources.ReportResource;
import io.trendwatch.serving.resources.SentimentResource;
import io.trendwatch.serving.resources.ShareResource;
import io.trendwatch.serving.resources.ContextResource;
import io.trendwatch.serving.context.TermContexts;
import io.trendwatch.serving.resources.StatusResource;
import io.trendwatch.serving.resources.TermsResource;
import io.trendwatch.serving.resources.TopicsResource;
import io.trendwatch.serving.merge.ShareEstimator;
import io.trendwatch.serving.merge.WindowTrends;
import io.trendwatch.serving.resources.TrendsResource;
import io.trendwatch.serving.resources.WatchlistsResource;

import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Wires the serving layer; the logic lives in core, db and resources. */
public final class ServingApplication extends Application<ServingConfiguration> {

    public static void main(String[] args) throws Exception {
        new ServingApplication().run(args);
    }

    @Override
    public String getName() {
        return "trendwatch-serving";
    }

    /** How the API writes JSON: instants as ISO-8601 strings. Resource tests use it too. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .registerModule(new SimpleModule("iso-instants").addSerializer(Instant.class, new IsoInstantSerializer()));
    }

    @Override
    public void initialize(Bootstrap<ServingConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        configure(bootstrap.getObjectMapper());
        // Swagger UI from its webjar (vendored at build time), and the page that points it at /openapi.json
        bootstrap.addBundle(new AssetsBundle("/META-INF/resources/webjars/swagger-ui", "/swagger-ui-dist", null, "swagger-dist"));
        bootstrap.addBundle(new AssetsBundle("/swagger", "/swagger", "index.html", "swagger"));
        // the analysts' dashboard, and ECharts from its webjar: all served from here, nothing from a CDN
        bootstrap.addBundle(new AssetsBundle("/dashboard", "/dashboard", "index.html", "dashboard"));
        bootstrap.addBundle(new AssetsBundle("/META-INF/resources/webjars/echarts", "/dashboard-vendor/echarts", null, "echarts"));
        bootstrap.addCommand(new ReportCommand());
    }

    @Override
    public void run(ServingConfiguration config, Environment env) {
        CassandraSessions sessions = new CassandraSessions(config.getCassandra().settings(), config.getCassandra().isMigrate());
        env.lifecycle().manage(sessions);
        ViewReader dao = new CassandraViewReader(sessions);
        ViewCache views = new ViewCache(dao, config.getViewCache().settings());
        views.registerMetrics(env.metrics());
        SeriesReader reader = new SeriesReader(views);
        int maxBuckets = config.getMaxBucketsPerRequest();

        ShareEstimator shares = ShareEstimator.of(dao);
        WindowTrends trends = new WindowTrends(dao, reader, shares, config.getTrendsCacheTtl().toJavaDuration());
        env.jersey().register(new TrendsResource(trends));
        env.jersey().register(new TermsResource(reader, maxBuckets));
        env.jersey().register(new SentimentResource(reader, shares, maxBuckets));
        env.jersey().register(new ShareResource(reader, maxBuckets));
        env.jersey().register(new ContextResource(new TermContexts(dao, reader, shares)));
        env.jersey().register(new TopicsResource(dao));
        env.jersey().register(new ReportResource(new ReportBuilder(dao, reader, shares)));
        env.jersey().register(new StatusResource(dao, config.getSpeedQuery()));
        // watchlists: public to read, changed with the write token; alerts evaluated as the speed layer publishes
        AlertStore alerts = new AlertStore(sessions);
        env.jersey().register(new WatchlistsResource(alerts, Clock.systemUTC()));
        env.jersey().register(new WriteTokenFilter(config.writeToken()));
        if (config.getAlerts().isEnabled()) {
            // the evaluator reads the views uncached: the minute it evaluates may have been written a moment before
            SeriesReader fresh = new SeriesReader(new ViewCache(dao, ViewCache.Settings.NONE));
            env.lifecycle().manage(new AlertEvaluator(alerts, dao, fresh, new WindowTrends(dao, fresh, shares, java.time.Duration.ofMillis(1)),
                    config.getSpeedQuery(), config.getAlerts().settings(), env.metrics(), Clock.systemUTC()));
        }
        env.jersey().register(new OpenApiResource().openApiConfiguration(new SwaggerConfiguration()
                .openAPI(new OpenAPI().info(new Info().title("trendwatch API").version("v1")
                        .description("Trends, series and sentiment merged from the batch and real-time views.")))
                .resourcePackages(Set.of("io.trendwatch.serving.resources"))
                .prettyPrint(true)));
        // CSV as well as JSON for series, trends, sentiment and share (Accept: text/csv, or format=csv)
        env.jersey().register(new CsvWriter());
        env.jersey().register(new FormatParameter());
        env.jersey().register(new ErrorMappers.BadParameter());
        env.jersey().register(new ErrorMappers.CassandraDown());
        env.jersey().register(new ErrorMappers.Driver());
        env.jersey().register(new ErrorMappers.Busy());

        // hostile input: Jetty's own refusals (bad URIs) answered as JSON; a rate limit per client address
        env.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new JsonErrorHandler());
                }
            }
        });
        if (config.getRequestsPerSecondPerClient() > 0) {
            env.getApplicationContext().insertHandler(ClientRateLimit.handler(config.getRequestsPerSecondPerClient()));
        }

        CassandraHealthCheck cassandraCheck = new CassandraHealthCheck(dao);
        env.healthChecks().register("cassandra", cassandraCheck);
        env.admin().addServlet("ready", new ReadinessServlet(cassandraCheck)).addMapping("/ready");
        env.healthChecks().register("batch-boundary", new BoundaryAgeHealthCheck(dao, config.getMaxBoundaryAge().toJavaDuration()));
        env.healthChecks().register("speed-heartbeat",
                new SpeedHeartbeatHealthCheck(dao, config.getSpeedQuery(), config.getMaxSpeedSilence().toJavaDuration()));

        PipelineGauges.register(env.metrics(), dao, config.getSpeedQuery());
        PrometheusRegistry prometheus = new PrometheusRegistry();
        // Jersey's "<method>.total" timer would clash with "<method>" once Prometheus strips "_total"
        DropwizardExports.builder().dropwizardRegistry(env.metrics())
                .metricFilter((name, metric) -> !name.endsWith(".total"))
                .register(prometheus);
        env.admin().addServlet("prometheus", new PrometheusMetricsServlet(prometheus)).addMapping("/prometheus");

        // admin port only, and only with the admin token: the public API stays read-only
        env.admin().addFilter("admin-token", new AdminTokenFilter(config.adminToken()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/*");
        // after a batch run or a backfill: answer from the new views at once
        env.admin().addTask(new Task("clear-caches") {
            @Override
            public void execute(Map<String, List<String>> parameters, PrintWriter output) {
                trends.clearCache();
                views.clear();
                output.println("trends and view caches cleared");
            }
        });
    }
}
