package gongkai.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugin.analysis.icu.AnalysisICUPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one OpenSearch node on 127.0.0.1 with the plugins given as classes on the classpath.
 *
 * <pre>
 * java -cp ... gongkai.engine.Launcher [--http-port 9250] [--transport-port 9350] [--name node-1]
 *     [--cluster gongkai] [--home DIR] [--seeds 127.0.0.1:9350,127.0.0.1:9351 --managers node-1,node-2]
 * </pre>
 *
 * Without {@code --seeds} the node is a single-node cluster.  Without {@code --home} its data
 * live in a temporary folder removed when the node stops (SIGTERM or Ctrl-C).
 */
public final class Launcher {
    static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,
        CommonAnalysisPlugin.class,
        MapperExtrasPlugin.class,
        PainlessPlugin.class,
        ReindexPlugin.class,
        AnalysisICUPlugin.class,
        SmartChinesePlugin.class
    );

    /** {@link Node}'s plugin-class constructor is protected: this subclass opens it. */
    static final class ClasspathNode extends Node {
        ClasspathNode(Settings settings) {
            super(
                InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name")),
                PLUGINS,
                true
            );
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(
            Map.of("--http-port", "9250", "--transport-port", "9350", "--name", "node-1", "--cluster", "gongkai")
        );
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        boolean temporary = !options.containsKey("--home");
        Path home = temporary ? Files.createTempDirectory("gongkai-opensearch-") : Path.of(options.get("--home"));
        Files.createDirectories(home);

        Settings.Builder builder = Settings.builder()
            .put("cluster.name", options.get("--cluster"))
            .put("node.name", options.get("--name"))
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", options.get("--http-port"))
            .put("transport.port", options.get("--transport-port"))
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // The machine is shared: never stop allocating because another process filled the disk.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            .put("logger.level", options.getOrDefault("--log-level", "WARN"));
        if (options.containsKey("--seeds")) {
            builder.putList("discovery.seed_hosts", options.get("--seeds").split(","));
            builder.putList("cluster.initial_cluster_manager_nodes", options.get("--managers").split(","));
        } else {
            builder.put("discovery.type", "single-node");
        }
        Settings settings = builder.build();

        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(options.get("--name"));
        LogConfigurator.configureWithoutConfig(settings);

        Node node = new ClasspathNode(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
                if (temporary) {
                    deleteTree(home);
                }
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "gongkai-engine-stop"));
        node.start();
        System.out.println("gongkai-engine: node " + options.get("--name") + " listening on http://127.0.0.1:"
            + options.get("--http-port") + " (data in " + home + ")");
        stopped.await();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
