package org.webcare4j.core.internal.jdbc;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import org.webcare4j.core.channel.DeleteComment;
import org.webcare4j.core.channel.HideComment;
import org.webcare4j.core.channel.MarkRead;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.PrivateReply;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.CommentEdited;
import org.webcare4j.core.event.CommentHidden;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MentionReceived;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.event.ReactionReceived;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.ToneOverride;

/**
 * JSON for what the JDBC store keeps as documents: inbound events, outbound operations,
 * participants and attachments. The type names are the records' simple names, so they stay
 * readable in the database; unknown properties are ignored, so a newer writer does not break an
 * older reader.
 */
final class JsonCodec {
  private static final TypeReference<List<Participant>> PARTICIPANTS = new TypeReference<>() {};
  private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {};

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
      @JsonSubTypes.Type(MessageReceived.class),
      @JsonSubTypes.Type(CommentReceived.class),
      @JsonSubTypes.Type(MentionReceived.class),
      @JsonSubTypes.Type(ReactionReceived.class),
      @JsonSubTypes.Type(DeliveryStatusChanged.class),
      @JsonSubTypes.Type(CommentEdited.class),
      @JsonSubTypes.Type(CommentDeleted.class),
      @JsonSubTypes.Type(CommentHidden.class)})
  private interface EventMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(SendMessage.class), @JsonSubTypes.Type(MarkRead.class),
      @JsonSubTypes.Type(HideComment.class), @JsonSubTypes.Type(DeleteComment.class),
      @JsonSubTypes.Type(PrivateReply.class), @JsonSubTypes.Type(PublishPost.class)})
  private interface OperationMixin {}

  private final ObjectMapper mapper = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // a schedule keeps its zone (Europe/Amsterdam), not just an offset
      .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      .addMixIn(InboundEvent.class, EventMixin.class)
      .addMixIn(OutboundOperation.class, OperationMixin.class)
      // channel ids as map keys (a publication's variants and results), by their value
      .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
          .addKeyDeserializer(ChannelId.class, new com.fasterxml.jackson.databind.KeyDeserializer() {
            @Override
            public Object deserializeKey(String key,
                com.fasterxml.jackson.databind.DeserializationContext ctxt) {
              return ChannelId.of(key);
            }
          }));

  String event(InboundEvent event) {
    return write(event, InboundEvent.class);
  }

  InboundEvent event(String json) {
    return read(json, InboundEvent.class);
  }

  String operation(OutboundOperation operation) {
    return write(operation, OutboundOperation.class);
  }

  OutboundOperation operation(String json) {
    return read(json, OutboundOperation.class);
  }

  String result(OperationResult result) {
    return write(result, OperationResult.class);
  }

  OperationResult result(String json) {
    return read(json, OperationResult.class);
  }

  String publication(Publication p) {
    return write(p, Publication.class);
  }

  Publication publication(String json) {
    return read(json, Publication.class);
  }

  String toneOverride(ToneOverride o) {
    return write(o, ToneOverride.class);
  }

  ToneOverride toneOverride(String json) {
    return read(json, ToneOverride.class);
  }

  String participant(Participant p) {
    return write(p, Participant.class);
  }

  Participant participant(String json) {
    return read(json, Participant.class);
  }

  String participants(List<Participant> list) {
    return writeAny(list);
  }

  List<Participant> participants(String json) {
    try {
      return mapper.readValue(json, PARTICIPANTS);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored participants are not readable", e);
    }
  }

  String attachments(List<Attachment> list) {
    return writeAny(list);
  }

  List<Attachment> attachments(String json) {
    try {
      return mapper.readValue(json, ATTACHMENTS);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored attachments are not readable", e);
    }
  }

  private <T> String write(T value, Class<T> type) {
    try {
      return mapper.writerFor(type).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot store " + type.getSimpleName(), e);
    }
  }

  private String writeAny(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot store " + value.getClass().getSimpleName(), e);
    }
  }

  private <T> T read(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("a stored " + type.getSimpleName() + " is not readable", e);
    }
  }
}
