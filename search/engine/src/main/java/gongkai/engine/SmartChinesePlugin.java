package gongkai.engine;

import java.util.List;

import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.opensearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.opensearch.index.analysis.PreConfiguredTokenFilter;
import org.opensearch.index.analysis.PreConfiguredTokenizer;
import org.opensearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;

/**
 * The names of the analysis-smartcn plugin (which is not published to Maven Central):
 * the {@code smartcn_tokenizer} tokenizer, the {@code smartcn_stop} token filter and the
 * {@code smartcn} analyzer, all built on Lucene's lucene-analysis-smartcn.
 */
public final class SmartChinesePlugin extends Plugin implements AnalysisPlugin {
    @Override
    public List<PreConfiguredTokenizer> getPreConfiguredTokenizers() {
        return List.of(PreConfiguredTokenizer.singleton("smartcn_tokenizer", HMMChineseTokenizer::new));
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(
            PreConfiguredTokenFilter.singleton(
                "smartcn_stop",
                false,
                stream -> new StopFilter(stream, SmartChineseAnalyzer.getDefaultStopSet())
            )
        );
    }

    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        return List.of(new PreBuiltAnalyzerProviderFactory("smartcn", CachingStrategy.ONE, SmartChineseAnalyzer::new));
    }
}
