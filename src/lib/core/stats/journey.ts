import type { TopicMastery } from './cards';

/**
 * The five stages of the scaling journey (lesson 1, "Scaling from one user to millions"), in
 * order, as its "Five stages of scaling" diagram draws them.
 */
export const journeyStages = [
  { id: 'single-server', title: 'Single server', detail: 'web + DB together' },
  { id: 'tier-separation', title: 'Tier separation', detail: 'web and DB apart' },
  { id: 'horizontal-web', title: 'Horizontal web', detail: 'LB + web servers' },
  { id: 'caching', title: 'Caching', detail: 'cache + CDN' },
  { id: 'distributed', title: 'Distributed', detail: 'multi-DC, shards' }
] as const;

export type JourneyStage = (typeof journeyStages)[number]['id'];

/** The lesson whose topics are drawn on the journey. */
export const journeyLesson = 'scaling-from-one-user-to-millions';

/**
 * Which stage each topic (section id) of lesson 1 belongs to: the stage at which the lesson
 * brings the idea in. The two sections about the journey as a whole ("The scaling journey",
 * "Principles for every stage") belong to no single stage; they are listed with the others
 * under the diagram but colour no stage.
 *
 * | topic                                | stage           |
 * | ------------------------------------ | --------------- |
 * | Single server setup                  | single server   |
 * | Choosing a database: SQL or NoSQL    | tier separation |
 * | Vertical vs horizontal scaling       | tier separation |
 * | Database replication                 | tier separation |
 * | Load balancer                        | horizontal web  |
 * | Stateless web tier                   | horizontal web  |
 * | Cache tier                           | caching         |
 * | Content delivery network             | caching         |
 * | Multiple data centers                | distributed     |
 * | Message queue                        | distributed     |
 * | Logging, metrics and automation      | distributed     |
 * | Database sharding                    | distributed     |
 */
export const journeyTopics: Readonly<Record<string, JourneyStage>> = {
  'single-server': 'single-server',
  'sql-vs-nosql': 'tier-separation',
  'vertical-vs-horizontal': 'tier-separation',
  'database-replication': 'tier-separation',
  'load-balancer': 'horizontal-web',
  'stateless-web-tier': 'horizontal-web',
  cache: 'caching',
  cdn: 'caching',
  'multiple-data-centers': 'distributed',
  'message-queue': 'distributed',
  'logging-metrics-automation': 'distributed',
  sharding: 'distributed'
};

export interface StageMastery {
  id: JourneyStage;
  title: string;
  detail: string;
  cards: number;
  mastered: number;
  /** The section ids of lesson 1 that make up this stage (those with cards under the filter). */
  topics: string[];
}

/** Lesson 1's topic mastery summed per stage of the journey. */
export function stageMastery(topics: readonly TopicMastery[]): StageMastery[] {
  return journeyStages.map((stage) => {
    const mine = topics.filter(
      (t) => t.lesson === journeyLesson && journeyTopics[t.section] === stage.id
    );
    return {
      ...stage,
      cards: mine.reduce((sum, t) => sum + t.cards, 0),
      mastered: mine.reduce((sum, t) => sum + t.mastered, 0),
      topics: mine.map((t) => t.section)
    };
  });
}
