import { useTailscope } from "../../state/store";
import { InlineCode } from "../common/InlineCode";
import { Modal } from "../common/Modal";

/**
 * Predict, then see: a lesson's question asked before its step is shown. The step waits for an
 * answer; then the dialog says whether it was right and why, and *Show the step* moves on.
 */
export function QuestionDialog() {
  const pending = useTailscope((s) => s.pendingQuestion);
  if (!pending) return null;
  const { question, chosen } = pending;
  const { answerQuestion, continueAfterQuestion } = useTailscope.getState();
  return (
    <Modal title="Before the next step" testId="question" onClose={continueAfterQuestion}>
      <p className="question-ask" data-testid="question-ask">
        <InlineCode text={question.ask} />
      </p>
      <div className="modal-actions" role="group" aria-label="Answers">
        {question.choices.map((choice, index) => (
          <button
            key={choice}
            type="button"
            className={`toolbar-button${chosen === index ? " primary" : ""}`}
            data-testid={`question-choice-${index}`}
            disabled={chosen !== null}
            aria-pressed={chosen === index}
            onClick={() => answerQuestion(index)}
          >
            <InlineCode text={choice} />
          </button>
        ))}
      </div>
      {chosen !== null && (
        <>
          <p className="question-reveal" data-testid="question-reveal" role="status">
            <InlineCode
              text={`${chosen === question.answer ? "Right." : `Not quite: it is ${question.choices[question.answer]}.`} ${question.reveal}`}
            />
          </p>
          <div className="modal-actions">
            <button
              type="button"
              className="toolbar-button primary"
              data-testid="btn-question-continue"
              // The answer is in: the next key (Enter, Space) shows the step.
              autoFocus
              onClick={continueAfterQuestion}
            >
              Show the step
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
