package io.servicegrade.platform.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.servicegrade.scoring.Explanation;
import io.servicegrade.scoring.LocalizedText;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * JSON as the API speaks it: decimals read as exact {@code BigDecimal}s and written plainly (no 1E+2), and
 * bilingual texts and explanations as {@code {"zh-CN": "…", "en": "…"}}.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        SimpleModule module = new SimpleModule("servicegrade");
        module.addSerializer(LocalizedText.class, new JsonSerializer<>() {
            @Override
            public void serialize(LocalizedText text, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeStartObject();
                gen.writeStringField("zh-CN", text.zhCN());
                gen.writeStringField("en", text.en());
                gen.writeEndObject();
            }
        });
        module.addSerializer(Explanation.class, new JsonSerializer<>() {
            @Override
            public void serialize(Explanation explanation, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                provider.defaultSerializeValue(explanation.text(), gen);
            }
        });
        mapper.registerModule(module);
    }
}
